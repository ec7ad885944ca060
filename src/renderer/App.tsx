import { LiveRegions } from './components/LiveRegions.js';
import { useGlobalKeys } from './keyboard/use-global-keys.js';
import { FacturationScreen } from './screens/FacturationScreen.js';

export function App() {
  useGlobalKeys();
  return (
    <>
      <FacturationScreen />
      <LiveRegions />
    </>
  );
}
