// Every table, for drizzle's relational queries and typed transactions.
export * from "@/drizzle/schema/identity";
