// Every table, for drizzle's relational queries and typed transactions.
export * from "@/drizzle/schema/identity";
export * from "@/drizzle/schema/ledger";
export * from "@/drizzle/schema/property";
export * from "@/drizzle/schema/department-records";
export * from "@/drizzle/schema/credentials";
export * from "@/drizzle/schema/registration";
export * from "@/drizzle/schema/ledger-health";
export * from "@/drizzle/schema/queue-numbers";
export * from "@/drizzle/schema/security";
