import type { Tone } from "@/lib/compare/baseline";
import styles from "./compare.module.css";

const TONE_WORD: Record<Tone, string> = { better: "better", worse: "worse", neutral: "" };

/** A difference in words, coloured by tone; the tone is also said in text ("worse"), never by colour alone. */
export function ToneText({ text, tone, direction }: { text: string; tone: Tone; direction?: "more" | "less" | "same" | "unknown" }) {
  const cls = [styles.diff, styles[`tone-${tone}`], direction === "same" ? styles.same : ""].join(" ");
  return (
    <span className={cls} data-tone={tone}>
      {text}
      {TONE_WORD[tone] ? <span className={styles.toneWord}> ({TONE_WORD[tone]})</span> : null}
    </span>
  );
}
