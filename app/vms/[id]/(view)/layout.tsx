import { notFound } from "next/navigation";
import { loadVm } from "./load-vm";

type Props = { children: React.ReactNode; params: Promise<{ id: string }> };

// The existence check runs here, outside loading.tsx's Suspense boundary: a
// notFound() inside the streamed page would come too late for a 404 status.
export default async function VmLayout({ children, params }: Props) {
  if (!(await loadVm((await params).id))) notFound();
  return children;
}
