import type { Metadata } from "next";
import { appOptions } from "@/components/estates/app-options";
import { EstateView } from "@/components/estates/estate-view";

// The estate is read in the browser with the edit token from the URL fragment,
// which never reaches the server with the page request.
export const metadata: Metadata = { title: "Estate", referrer: "no-referrer", robots: { index: false, follow: false } };

type Props = { params: Promise<{ id: string }> };

export default async function EstatePage({ params }: Props) {
  const { id } = await params;
  return (
    <div className="container page">
      <EstateView id={id} apps={appOptions()} />
    </div>
  );
}
