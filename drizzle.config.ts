import { defineConfig } from 'drizzle-kit';

// Migrations are generated offline from the schema (`npm run db:generate`) and checked in.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/platform/db/schema/index.ts',
  out: './src/platform/db/migrations',
  entities: { roles: { provider: '' } },
});
