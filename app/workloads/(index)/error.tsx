"use client";

import { PageError } from "@/components/page-error";

export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError {...props} what="the workloads" back={{ href: "/", label: "Home" }} />;
}
