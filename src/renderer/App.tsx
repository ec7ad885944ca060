import { LiveRegions } from './components/LiveRegions.js';
import { useGlobalKeys } from './keyboard/use-global-keys.js';
import { FacturationScreen } from './screens/FacturationScreen.js';
import { HelpDialog } from './screens/HelpDialog.js';
import { ConfigurationScreen } from './screens/settings/ConfigurationScreen.js';
import { FirstRunWizard } from './screens/settings/FirstRunWizard.js';
import { useApp } from './stores/app-store.js';

export function App() {
  useGlobalKeys();
  const screen = useApp((s) => s.screen);
  return (
    <>
      {screen === 'facturation' ? <FacturationScreen /> : null}
      {screen === 'configuration' ? <ConfigurationScreen /> : null}
      {screen === 'wizard' ? <FirstRunWizard /> : null}
      <HelpDialog />
      <LiveRegions />
    </>
  );
}
