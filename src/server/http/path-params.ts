/** What is wrong with a request path the router could not take apart: the parameter and why. */
export interface PathProblem {
  /** The route's parameter name (`id`), or `path` when the bad part is not a parameter. */
  field: string;
  reason: string;
}

/** Finds the route for a path, as Fastify's `findRoute` does. */
export type RouteFinder = (method: string, url: string) => { params: unknown } | null;

/**
 * Names the parameter that made the router refuse a URL (bad percent-encoding, or longer than the
 * router's limit) without echoing the URL: it may be 10 000 characters, or carry a caller's secret.
 * Each bad segment is swapped for a placeholder and the route looked up again, so the placeholder
 * shows which parameter it fills.
 */
export function pathProblem(
  method: string,
  url: string,
  findRoute: RouteFinder,
  maxParamLength: number,
): PathProblem {
  const segments = (url.split('?')[0] ?? '').split('/');
  const reasons = new Map<string, string>();
  const probe = segments.map((segment, index) => {
    const reason = segmentProblem(segment, maxParamLength);
    if (reason === null) return segment;
    const placeholder = `bad-segment-${index}`;
    reasons.set(placeholder, reason);
    return placeholder;
  });
  const firstReason = [...reasons.values()][0] ?? 'is not a valid URL path';
  const route = findRoute(method, probe.join('/'));
  const params = route && typeof route.params === 'object' && route.params !== null ? route.params : {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    for (const [placeholder, reason] of reasons)
      if (value.includes(placeholder)) return { field: name, reason };
  }
  return { field: 'path', reason: firstReason };
}

function segmentProblem(segment: string, maxParamLength: number): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return 'is not valid percent-encoded UTF-8';
  }
  return decoded.length > maxParamLength ? `is longer than ${maxParamLength} characters` : null;
}
