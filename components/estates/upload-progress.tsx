import styles from "./estates.module.css";

/** Upload progress; after the upload the server still parses, so 100% reads "processing". */
export function UploadProgress({ label, fraction }: { label: string; fraction: number }) {
  const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const text = pct >= 100 ? `${label}: processing on the server…` : `${label}: uploading ${pct}%`;
  return (
    <div className={styles.progressRow}>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={text}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <span className="muted small" aria-live="polite">{text}</span>
    </div>
  );
}
