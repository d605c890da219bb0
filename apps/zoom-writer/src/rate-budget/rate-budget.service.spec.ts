import { MetricsService } from '@bridge/observability';
import type { TenantConfig, TenantService } from '@bridge/tenancy';
import { RateBudgetService } from './rate-budget.service';

const tenant = { id: 'demo', zoom: { accountId: 'acct-1', rateLimit: { lightPerSecond: 80, mediumPerSecond: 60, dailyLimit: null } } } as unknown as TenantConfig;
const tenants = { directory: () => ({ zoomBudgetKey: (t: TenantConfig) => t.id }) } as unknown as TenantService;

function answer(remaining: number, date?: string): Headers {
  const headers = new Headers({ 'X-RateLimit-Type': 'QPS', 'X-RateLimit-Limit': '80', 'X-RateLimit-Remaining': String(remaining) });
  if (date !== undefined) {
    headers.set('Date', date);
  }
  return headers;
}

describe('RateBudgetService', () => {
  const second = Date.UTC(2026, 10, 29, 10, 0, 0);
  let budget: RateBudgetService;

  beforeEach(() => {
    jest.useFakeTimers({ now: second + 200 });
    budget = new RateBudgetService(tenants, new MetricsService('zoom-writer'));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  async function send(calls: number): Promise<void> {
    for (let i = 0; i < calls; i += 1) {
      await expect(budget.reserve(tenant, 'light')).resolves.toBeUndefined();
    }
  }

  // At 77.6 calls/s, two more calls go out in the 30 ms before the next answer is read.
  it('stops for the rest of the second when no more remain in it than are on their way or about to go', async () => {
    await send(3);
    budget.record(tenant, 'light', { status: 201, headers: answer(4), sentAt: second + 200 });
    expect(budget.heldUntil(tenant, 'light')).toBe(second + 1000);
  });

  it('goes on while more remain than are on their way', async () => {
    await send(3);
    budget.record(tenant, 'light', { status: 201, headers: answer(5), sentAt: second + 200 });
    expect(budget.heldUntil(tenant, 'light')).toBe(0);
  });

  it('counts a call left unanswered as settled', async () => {
    await send(2);
    budget.record(tenant, 'light', { status: null, sentAt: second + 200 });
    // Nothing else is on its way now, so three remaining calls are room enough.
    budget.record(tenant, 'light', { status: 201, headers: answer(3), sentAt: second + 200 });
    expect(budget.heldUntil(tenant, 'light')).toBe(0);
  });

  // Sent at …:00.990, its answer read at …:01.050 says none remain: which second is used up?
  it.each<[string, number | undefined, number]>([
    ['does not hold the next second for an answer dated in the one before', second + 995, 0],
    ['holds when the answer is dated in the second under way', second + 1003, second + 2000],
    ['holds when the answer does not say which second it was counted in', undefined, second + 2000],
  ])('read late: %s', async (_label, dated, heldUntil) => {
    jest.setSystemTime(second + 990);
    await send(1);
    jest.setSystemTime(second + 1050);
    budget.record(tenant, 'light', { status: 201, headers: answer(0, dated === undefined ? undefined : new Date(dated).toUTCString()), sentAt: second + 990 });
    expect(budget.heldUntil(tenant, 'light')).toBe(heldUntil);
  });
});
