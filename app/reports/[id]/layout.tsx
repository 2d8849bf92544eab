import { notFound } from "next/navigation";
import { loadReport } from "./load-report";

type Props = { children: React.ReactNode; params: Promise<{ id: string }> };

// The existence check runs here, outside loading.tsx's Suspense boundary: a
// notFound() inside the streamed page would come too late for a 404 status.
export default async function ReportLayout({ children, params }: Props) {
  if (!(await loadReport((await params).id))) notFound();
  return children;
}
