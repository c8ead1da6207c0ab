/** Jest globalTeardown for libs/adapters: stops the wire test double started by the setup. */
export { teardown as default } from './jest-global-setup';
