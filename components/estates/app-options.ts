import { APPLICATION_CATEGORIES, APPLICATIONS } from "@/lib/taxonomy/applications";
import type { AppOption } from "./tag-choice-fields";

/** The taxonomy as select options, grouped by category label; built on the server and passed to the forms. */
export function appOptions(): AppOption[] {
  return APPLICATIONS.map((a) => ({ slug: a.slug, name: a.name, category: APPLICATION_CATEGORIES[a.category] }))
    .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
}
