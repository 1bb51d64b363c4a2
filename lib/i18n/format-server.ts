// The formatters for the request's language, for server components.
import { getLocale } from "next-intl/server";
import { formatters, type Formatters } from "./format";

export async function getFormatters(): Promise<Formatters> {
  return formatters(await getLocale());
}
