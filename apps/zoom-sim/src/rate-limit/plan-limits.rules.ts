export const ZOOM_PLANS = ['Free', 'Pro', 'Business', 'Business Plus', 'Enterprise', 'Education'] as const;
export type ZoomPlan = (typeof ZOOM_PLANS)[number];

export interface LabelLimits {
  /** Light calls per second. */
  light: number;
  /** Medium calls per second. */
  medium: number;
}

/** Zoom's published per-second limits by plan (Business and above share one tier). */
export function planLimits(plan: ZoomPlan): LabelLimits {
  switch (plan) {
    case 'Free':
      return { light: 4, medium: 2 };
    case 'Pro':
      return { light: 30, medium: 20 };
    case 'Business':
    case 'Business Plus':
    case 'Enterprise':
    case 'Education':
      return { light: 80, medium: 60 };
    default: {
      const unknownPlan: never = plan;
      throw new Error(`unknown Zoom plan ${String(unknownPlan)}`);
    }
  }
}
