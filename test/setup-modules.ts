// Every test runs against the app's module list: the access policy, the live topics and the
// jobs are read from it (src/kernel/registry.ts refuses to answer before a list is registered).
import '../src/modules/index.js';
