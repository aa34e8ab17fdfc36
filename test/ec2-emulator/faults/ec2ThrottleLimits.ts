/**
 * EC2's request-rate limits (bucket capacity / refill per second) from "Request throttling for the
 * Amazon EC2 API" (EC2 Developer Guide). Each API has its own bucket per account and region.
 */
export interface BucketLimits {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

const uncategorized: Readonly<Record<string, BucketLimits>> = {
  CopyImage: { capacity: 100, refillPerSecond: 1 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  DeleteTags: { capacity: 100, refillPerSecond: 10 },
  DeleteSnapshot: { capacity: 100, refillPerSecond: 5 },
  DeregisterImage: { capacity: 100, refillPerSecond: 5 },
  ModifyImageAttribute: { capacity: 100, refillPerSecond: 5 },
  EnableImageBlockPublicAccess: { capacity: 1, refillPerSecond: 0.1 },
  DisableImageBlockPublicAccess: { capacity: 1, refillPerSecond: 0.1 },
  RunInstances: { capacity: 5, refillPerSecond: 2 },
  StartInstances: { capacity: 5, refillPerSecond: 2 },
};

/** Actions with the smaller bucket when called without filters and without paging. */
const unfilteredUnpaginated = new Set(['DescribeInstances', 'DescribeSnapshots']);

/** The bucket EC2 uses for an action, given whether the request was filtered or paginated. */
export function ec2LimitsFor(action: string, filteredOrPaginated: boolean): BucketLimits {
  const special = uncategorized[action];
  if (special) {
    return special;
  }
  const nonMutating = /^(Describe|List|Search|Get)/.test(action);
  if (nonMutating) {
    return unfilteredUnpaginated.has(action) && !filteredOrPaginated
      ? { capacity: 50, refillPerSecond: 10 }
      : { capacity: 100, refillPerSecond: 20 };
  }
  return { capacity: 50, refillPerSecond: 5 };
}
