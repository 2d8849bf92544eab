import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the report" blocks={[160, 320]} />;
}
