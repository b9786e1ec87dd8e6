// The exam guides whose tasks include Amazon Cognito: domains and weights of the scored content, pass mark,
// questions and time. Checked against the official guides (URLs below) in December 2026; SCS-C02 was retired on
// 1 December 2025 for SCS-C03.

export interface GuideDomain {
  /** The domain's number in the guide, as a task's prefix: "2" for tasks 2.1, 2.2 … */
  id: string;
  name: string;
  /** Share of the scored content, 0..1. */
  weight: number;
}

export interface ExamGuide {
  id: string;
  title: string;
  domains: GuideDomain[];
  /** Pass mark on the 100-1000 scale. */
  passScore: number;
  /** Questions on the exam, scored and unscored. */
  questions: number;
  scoredQuestions: number;
  minutes: number;
  url: string;
}

export const GUIDES: readonly ExamGuide[] = [
  {
    id: "dva-c02",
    title: "AWS Certified Developer – Associate (DVA-C02)",
    domains: [
      { id: "1", name: "Development with AWS Services", weight: 0.32 },
      { id: "2", name: "Security", weight: 0.26 },
      { id: "3", name: "Deployment", weight: 0.24 },
      { id: "4", name: "Troubleshooting and Optimization", weight: 0.18 },
    ],
    passScore: 720,
    questions: 65,
    scoredQuestions: 50,
    minutes: 130,
    url: "https://docs.aws.amazon.com/aws-certification/latest/userguide/developer-associate-02.html",
  },
  {
    id: "saa-c03",
    title: "AWS Certified Solutions Architect – Associate (SAA-C03)",
    domains: [
      { id: "1", name: "Design Secure Architectures", weight: 0.3 },
      { id: "2", name: "Design Resilient Architectures", weight: 0.26 },
      { id: "3", name: "Design High-Performing Architectures", weight: 0.24 },
      { id: "4", name: "Design Cost-Optimized Architectures", weight: 0.2 },
    ],
    passScore: 720,
    questions: 65,
    scoredQuestions: 50,
    minutes: 130,
    url: "https://docs.aws.amazon.com/aws-certification/latest/userguide/solutions-architect-associate-03.html",
  },
  {
    id: "scs-c03",
    title: "AWS Certified Security – Specialty (SCS-C03)",
    domains: [
      { id: "1", name: "Detection", weight: 0.16 },
      { id: "2", name: "Incident Response", weight: 0.14 },
      { id: "3", name: "Infrastructure Security", weight: 0.18 },
      { id: "4", name: "Identity and Access Management", weight: 0.2 },
      { id: "5", name: "Data Protection", weight: 0.18 },
      { id: "6", name: "Security Foundations and Governance", weight: 0.14 },
    ],
    passScore: 750,
    questions: 65,
    scoredQuestions: 50,
    minutes: 170,
    url: "https://docs.aws.amazon.com/aws-certification/latest/userguide/security-specialty-03.html",
  },
];

export function findGuide(id: string): ExamGuide | undefined {
  return GUIDES.find((g) => g.id === id.toLowerCase());
}

/** The guide domains a question serves, from its `guide:task` strings ("dva-c02:2.1" → domain "2"). */
export function questionDomains(domains: readonly string[] | undefined, guide: ExamGuide): string[] {
  const out = new Set<string>();
  for (const d of domains ?? []) {
    const [g, task] = d.toLowerCase().split(":");
    if (g !== guide.id || !task) continue;
    const domain = task.split(".")[0]!;
    if (guide.domains.some((x) => x.id === domain)) out.add(domain);
  }
  return [...out];
}

// The srs layer knows the ids alone (exam-guides-ids.ts); the two lists must agree.
import { GUIDE_IDS } from "../srs/exam-guides-ids.js";
if (GUIDES.map((g) => g.id).join() !== GUIDE_IDS.join()) throw new Error("exam guide ids disagree with src/srs/exam-guides-ids.ts");
