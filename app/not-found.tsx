import Link from "next/link";

export default function NotFound() {
  return (
    <div className="container page">
      <div className="card empty">
        <h1>Not found</h1>
        <p>There is nothing at this address. The VM may have been deleted by its contributor.</p>
        <p>
          <Link href="/vms" className="btn btn-primary">Browse VMs</Link>{" "}
          <Link href="/" className="btn">Home</Link>
        </p>
      </div>
    </div>
  );
}
