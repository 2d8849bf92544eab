import { notFound } from "next/navigation";
import { loadWorkload } from "./load-workload";

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

// The existence check runs here, outside loading.tsx's Suspense boundary: a
// notFound() inside the streamed page would come too late for a 404 status.
export default async function WorkloadLayout({ children, params }: Props) {
  if (!(await loadWorkload((await params).slug))) notFound();
  return children;
}
