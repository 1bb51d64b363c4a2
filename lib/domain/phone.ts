/** Mainland mobile number: 11 digits starting 1[3-9]. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
