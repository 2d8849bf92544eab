/**
 * Saves data the browser holds as a file download. The object URL is revoked
 * a little later, not at once: revoking it in the same task can cancel the
 * download in some browsers.
 */
export function saveFile(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
