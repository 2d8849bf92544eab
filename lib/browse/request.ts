import { AppError } from "@/lib/errors/app-error";
import { parseBrowseQuery, type BrowseQuery } from "./query";

/**
 * The browse query of an API request. Unlike the page, which shows a bad
 * filter beside its field and ignores it, an API client gets a 422 naming the
 * parameter: silently widening a query would hand it the wrong data.
 */
export function browseRequest(params: URLSearchParams): BrowseQuery {
  const { query, errors } = parseBrowseQuery(params);
  if (errors.length) {
    const { field, message } = errors[0];
    // AppError.describe() names the field itself; don't say it twice.
    const bare = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    throw new AppError("validation_error", bare, { field }, errors);
  }
  return query;
}
