// Calendar days in reports are Loudi's days (UTC+8), whatever the server's zone. A literal,
// not a bind parameter: GROUP BY must see the same expression as the SELECT list.
export const PORTAL_TIME_ZONE = "Asia/Shanghai";
export const PORTAL_TIME_ZONE_SQL = `'${PORTAL_TIME_ZONE}'`;
