export function contentSecurityPolicy(opts?: { frameAncestors?: string; meta?: boolean }): string;
