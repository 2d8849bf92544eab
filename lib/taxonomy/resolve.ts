import { APPLICATIONS, type Application } from "@/lib/taxonomy/applications";
import { canonicalVersion, findTokenRun, matchKey, tokenize, versionAfter } from "@/lib/taxonomy/text-match";

export { APPLICATIONS, APPLICATION_CATEGORIES, getApplication } from "@/lib/taxonomy/applications";
export type { Application, ApplicationCategory } from "@/lib/taxonomy/applications";

export interface ResolvedApplication {
  slug: string;
  version: string | null;
}

interface Term {
  app: Application;
  tokens: string[];
  /** Characters in the term without spaces: longer, more specific terms win. */
  weight: number;
}

let termsCache: Term[] | null = null;

function terms(): Term[] {
  if (termsCache) return termsCache;
  const out: Term[] = [];
  for (const app of APPLICATIONS) {
    for (const text of [app.name, app.slug, ...app.aliases]) {
      const tokens = tokenize(text).map(matchKey);
      if (tokens.length > 0) out.push({ app, tokens, weight: tokens.join("").length });
    }
  }
  termsCache = out;
  return out;
}

/**
 * The application a free-text label names, with the version written after it.
 * The most specific (longest) matching name or alias wins, so "Citrix VDI"
 * beats "Citrix" and "Oracle WebLogic" beats "Oracle".
 */
export function resolveApplication(text: string): ResolvedApplication | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  const keys = tokens.map(matchKey);
  let best: { term: Term; at: number } | null = null;
  for (const term of terms()) {
    const at = findTokenRun(keys, term.tokens);
    if (at < 0) continue;
    if (!best || term.weight > best.term.weight || (term.weight === best.term.weight && at < best.at)) {
      best = { term, at };
    }
  }
  if (!best) return null;
  const found = versionAfter(tokens, best.at + best.term.tokens.length);
  return {
    slug: best.term.app.slug,
    version: found === null ? null : canonicalVersion(found, best.term.app.versions),
  };
}

export interface ApplicationSuggestion {
  application: Application;
  /** The name or alias that matched, for showing "Exchange (Microsoft Exchange Server)". */
  matched: string;
}

const Rank = { Exact: 0, Prefix: 1, WordPrefix: 2, Substring: 3 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

function rankOf(candidate: string, query: string): Rank | null {
  const c = candidate.toLowerCase();
  if (c === query) return Rank.Exact;
  if (c.startsWith(query)) return Rank.Prefix;
  if (c.split(/[^a-z0-9+#.]+/).some((w) => w.startsWith(query))) return Rank.WordPrefix;
  if (c.includes(query)) return Rank.Substring;
  return null;
}

/**
 * Autocomplete over names and aliases: exact > prefix > word prefix > substring;
 * within a rank a match on the name beats one on an alias, then shorter names first.
 */
export function searchApplications(query: string, limit = 10): ApplicationSuggestion[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, " ");
  if (q.length === 0 || limit <= 0) return [];
  const scored: { s: ApplicationSuggestion; rank: number; viaAlias: number }[] = [];
  for (const app of APPLICATIONS) {
    let best: { rank: Rank; viaAlias: number; matched: string } | null = null;
    const candidates: [string, number][] = [[app.name, 0], ...app.aliases.map((a): [string, number] => [a, 1])];
    for (const [text, viaAlias] of candidates) {
      const rank = rankOf(text, q);
      if (rank === null) continue;
      if (!best || rank < best.rank || (rank === best.rank && viaAlias < best.viaAlias)) {
        best = { rank, viaAlias, matched: text };
      }
    }
    if (best) scored.push({ s: { application: app, matched: best.matched }, rank: best.rank, viaAlias: best.viaAlias });
  }
  scored.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.viaAlias - b.viaAlias ||
      a.s.application.name.length - b.s.application.name.length ||
      a.s.application.name.localeCompare(b.s.application.name),
  );
  return scored.slice(0, limit).map((x) => x.s);
}
