import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the open data downloads" blocks={[160, 320]} />;
}
