import { defineConfig } from 'drizzle-kit';

// drizzle-kit reads table definitions from files: every module's (and the kernel's) `*.schema.ts`.
// test/api/module-manifest.test.ts checks that these files hold exactly the tables the module
// manifests declare, so a table can be neither forgotten by the manifest nor hidden from here.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/kernel/**/*.schema.ts', './src/modules/*/*.schema.ts'],
  out: './src/db/migrations',
});
