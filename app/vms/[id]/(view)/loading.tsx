import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the VM and its peers" blocks={[160, 320]} />;
}
