"use client";

import { PageError } from "@/components/page-error";

export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError {...props} what="the estates page" back={{ href: "/", label: "Home" }} />;
}
