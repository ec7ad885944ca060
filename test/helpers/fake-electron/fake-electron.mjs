// A fake `electron` module that records how the shell wires itself, for test/contract/electron-shell.
import { EventEmitter } from 'node:events';

export const recorded = {
  privilegedSchemes: null,
  sandboxEnabled: false,
  applicationMenu: 'default',
  protocolHandlers: new Map(),
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  ipcHandlers: new Map(),
  windows: [],
  quit: false,
};

let windowCreated;
export const firstWindow = new Promise((resolve) => (windowCreated = resolve));

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  constructor() {
    super();
    this.id = FakeWebContents.nextId++;
    this.sent = [];
    this.windowOpenHandler = null;
  }
  send(channel, payload) {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

class App extends EventEmitter {
  isPackaged = true;
  enableSandbox() {
    recorded.sandboxEnabled = true;
  }
  whenReady() {
    return Promise.resolve();
  }
  getPath() {
    return process.env.COMPTOIR_DATA_DIR;
  }
  quit() {
    recorded.quit = true;
  }
  exit(code) {
    recorded.exitCode = code;
  }
}
export const app = new App();

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.menuRemoved = false;
    this.loadedUrl = null;
    this.destroyed = false;
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    queueMicrotask(() => windowCreated(this));
  }
  removeMenu() {
    this.menuRemoved = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
  show() {}
  loadURL(url) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
}

export const Menu = {
  setApplicationMenu(menu) {
    recorded.applicationMenu = menu;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    recorded.privilegedSchemes = schemes;
  },
  handle(scheme, handler) {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      recorded.permissionCheckHandler = handler;
    },
  },
};

export const ipcMain = {
  handle(channel, listener) {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    recorded.ipcHandlers.set(channel, listener);
  },
};

/** Stands in for the OS keychain: reversible, and never the plain text on disk. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
  decryptString: (sealed) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'hex').toString(),
};

export default { app, BrowserWindow, Menu, protocol, session, ipcMain, safeStorage };
