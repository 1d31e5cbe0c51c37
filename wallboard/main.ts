// Entry point: reads the screen's link, connects the store, and mounts the TV or tablet view.
import { io } from 'socket.io-client';
import { parseScreenConfig, viewOf } from './config/screen-config.js';
import { createI18n } from './i18n/i18n.js';
import { ClockSource } from './store/clock-source.js';
import { nextFrame } from './store/next-frame.js';
import { WallboardStore, type WallboardSocket } from './store/wallboard-store.js';
import './components/wb-lead-view/wb-lead-view.js';
import './components/wb-tv-view/wb-tv-view.js';

const config = parseScreenConfig(location.pathname, location.search);
document.documentElement.lang = config.lang;
document.documentElement.dataset['view'] = config.page;
document.title = config.title ?? createI18n(config.lang).t(config.page === 'lead' ? 'app.lead' : 'app.tv');

const socket: WallboardSocket = io({ autoConnect: false, reconnectionDelayMax: 5000 });
const clock = new ClockSource();
const store = new WallboardStore({ socket, clock, view: viewOf(config), schedule: nextFrame });

const view = document.createElement(config.page === 'lead' ? 'wb-lead-view' : 'wb-tv-view');
view.store = store;
view.clock = clock;
view.config = config;
document.body.append(view);
store.start();

// Exposed for the end-to-end tests and for an operator's console; nothing reads it in the app.
(window as unknown as { wallboard: unknown }).wallboard = { store, clock, config };
