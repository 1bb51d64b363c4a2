import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema files and committed; they are applied by
// lib/db/migrate.ts on start, by `npm run db:migrate`, and by the test databases.
export default defineConfig({
  dialect: "postgresql",
  schema: "./drizzle/schema/*.ts",
  out: "./drizzle/migrations",
  casing: "snake_case",
});
