// Regional call-distribution rules: the national default and each region's overrides (resources/queue/*.yaml), validated and merged.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { OVERFLOW_QUEUE_ID } from '../../../core/backend-api/calls';
import { NATIONAL_DEFAULT_QUEUE_PRIORITY, QueuePriorityConfigSchema } from '../../../core/queue/priority';
import type { QueuePriorityConfig } from '../../../core/queue/priority';

/** The repository's queue configuration folder. */
export const DEFAULT_QUEUE_CONFIG_DIR = resolve(import.meta.dirname, '../../../resources/queue');

const OverflowLayerSchema = z.strictObject({
  serve: z.boolean().optional(),
  sendAfterSeconds: z
    .number()
    .int('overflow.sendAfterSeconds must be whole seconds')
    .min(0, 'overflow.sendAfterSeconds must not be negative')
    .max(86_400, 'overflow.sendAfterSeconds is at most a day')
    .nullable()
    .optional(),
  priority: QueuePriorityConfigSchema.optional(),
});

const LayerSchema = z.strictObject({
  layer: z.enum(['national', 'region']),
  regionId: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'regionId is lower-case letters, digits and dashes')
    .optional(),
  version: z.number().int().positive('version must be a positive whole number'),
  priority: QueuePriorityConfigSchema.optional(),
  afterCallWorkSeconds: z
    .number()
    .int('afterCallWorkSeconds must be whole seconds')
    .min(0, 'afterCallWorkSeconds must not be negative')
    .max(3600, 'afterCallWorkSeconds is at most an hour')
    .optional(),
  offerTimeoutSeconds: z
    .number()
    .int('offerTimeoutSeconds must be whole seconds')
    .min(5, 'offerTimeoutSeconds must be at least 5 (a nurse needs time to answer)')
    .max(120, 'offerTimeoutSeconds is at most 120')
    .optional(),
  callbackRetry: z
    .strictObject({
      maxAttempts: z.number().int().min(1, 'callbackRetry.maxAttempts is at least 1').max(10),
      retryAfterMinutes: z.number().min(1, 'callbackRetry.retryAfterMinutes is at least 1').max(1440),
    })
    .optional(),
  overflow: OverflowLayerSchema.optional(),
  /** T and the short-abandon threshold of the service level shown to team leads (core/queue/metrics). */
  serviceLevel: z
    .strictObject({
      seconds: z.number().int('serviceLevel.seconds must be whole seconds').min(1).max(3600),
      shortAbandonSeconds: z
        .number()
        .int('serviceLevel.shortAbandonSeconds must be whole seconds')
        .min(0, 'serviceLevel.shortAbandonSeconds must not be negative')
        .max(600),
    })
    .optional(),
});
export type QueueConfigLayer = z.infer<typeof LayerSchema>;

/** The rules in force for one region (national default with the region's overrides). */
export interface RegionQueueConfig {
  regionId: string;
  priority: QueuePriorityConfig;
  afterCallWorkSeconds: number;
  offerTimeoutSeconds: number;
  callbackRetry: { maxAttempts: number; retryAfterSeconds: number };
  overflow: { serve: boolean; sendAfterSeconds: number | null };
  /** Service level: answered within `seconds` counts as in time; hang-ups within `shortAbandonSeconds` are left out. */
  serviceLevel: { seconds: number; shortAbandonSeconds: number };
  /** Which layers and versions made this, for tracing a decision to its configuration. */
  source: { nationalVersion: number; regionVersion: number | null };
}

const BUILT_IN_NATIONAL: QueueConfigLayer = {
  layer: 'national',
  version: 0,
  priority: NATIONAL_DEFAULT_QUEUE_PRIORITY,
  afterCallWorkSeconds: 120,
  offerTimeoutSeconds: 20,
  callbackRetry: { maxAttempts: 3, retryAfterMinutes: 15 },
  overflow: { serve: false, sendAfterSeconds: null, priority: NATIONAL_DEFAULT_QUEUE_PRIORITY },
  serviceLevel: { seconds: 120, shortAbandonSeconds: 10 },
};

export class QueueConfigError extends Error {
  override name = 'QueueConfigError';
}

/** The national layer and every regional layer, merged on demand. */
export class QueueConfigSet {
  private readonly national: Required<Omit<QueueConfigLayer, 'regionId'>>;
  private readonly regions: ReadonlyMap<string, QueueConfigLayer>;
  /** The overflow queue's own priority rule, shared by every region's calls in it. */
  readonly overflowPriority: QueuePriorityConfig;

  constructor(national: QueueConfigLayer = BUILT_IN_NATIONAL, regions: readonly QueueConfigLayer[] = []) {
    const base = { ...BUILT_IN_NATIONAL, ...national };
    if (base.layer !== 'national') throw new QueueConfigError('The national layer must say layer: national');
    this.national = {
      layer: 'national',
      version: base.version,
      priority: base.priority ?? NATIONAL_DEFAULT_QUEUE_PRIORITY,
      afterCallWorkSeconds: base.afterCallWorkSeconds ?? 120,
      offerTimeoutSeconds: base.offerTimeoutSeconds ?? 20,
      callbackRetry: base.callbackRetry ?? { maxAttempts: 3, retryAfterMinutes: 15 },
      overflow: { ...BUILT_IN_NATIONAL.overflow, ...base.overflow },
      serviceLevel: base.serviceLevel ?? { seconds: 120, shortAbandonSeconds: 10 },
    };
    this.overflowPriority = this.national.overflow.priority ?? NATIONAL_DEFAULT_QUEUE_PRIORITY;
    const byRegion = new Map<string, QueueConfigLayer>();
    for (const layer of regions) {
      if (layer.layer !== 'region' || layer.regionId === undefined) {
        throw new QueueConfigError('A regional layer must say layer: region and its regionId');
      }
      if (layer.regionId === OVERFLOW_QUEUE_ID) {
        throw new QueueConfigError(`"${OVERFLOW_QUEUE_ID}" is the shared overflow queue, not a region`);
      }
      if (layer.overflow?.priority !== undefined) {
        throw new QueueConfigError(
          `Region ${layer.regionId}: only the national layer sets the overflow queue's priority (it is shared)`,
        );
      }
      if (byRegion.has(layer.regionId)) {
        throw new QueueConfigError(`Region ${layer.regionId} has two queue configurations`);
      }
      byRegion.set(layer.regionId, layer);
    }
    this.regions = byRegion;
  }

  forRegion(regionId: string): RegionQueueConfig {
    const region = this.regions.get(regionId);
    const national = this.national;
    const retry = region?.callbackRetry ?? national.callbackRetry;
    return {
      regionId,
      priority: region?.priority ?? national.priority,
      afterCallWorkSeconds: region?.afterCallWorkSeconds ?? national.afterCallWorkSeconds,
      offerTimeoutSeconds: region?.offerTimeoutSeconds ?? national.offerTimeoutSeconds,
      callbackRetry: {
        maxAttempts: retry.maxAttempts,
        retryAfterSeconds: Math.round(retry.retryAfterMinutes * 60),
      },
      overflow: {
        serve: region?.overflow?.serve ?? national.overflow.serve ?? false,
        sendAfterSeconds:
          region?.overflow?.sendAfterSeconds !== undefined
            ? region.overflow.sendAfterSeconds
            : (national.overflow.sendAfterSeconds ?? null),
      },
      serviceLevel: region?.serviceLevel ?? national.serviceLevel,
      source: { nationalVersion: national.version, regionVersion: region?.version ?? null },
    };
  }

  /** The priority rule of a queue: a region's own, or the overflow queue's. */
  priorityOf(queueId: string): QueuePriorityConfig {
    return queueId === OVERFLOW_QUEUE_ID ? this.overflowPriority : this.forRegion(queueId).priority;
  }

  /**
   * Which regions' nurses serve the overflow queue, as a rule SQL can apply to any region id:
   * every region except `except` when the national default serves, otherwise only `only`.
   */
  overflowServers(): { defaultServes: boolean; listed: string[] } {
    const defaultServes = this.national.overflow.serve ?? false;
    const listed = [...this.regions.values()]
      .filter((layer) => layer.overflow?.serve !== undefined && layer.overflow.serve !== defaultServes)
      .map((layer) => layer.regionId as string);
    return { defaultServes, listed };
  }

  /** A copy with one region's layer replaced (tests, and regions configured in code). */
  withRegion(layer: Omit<QueueConfigLayer, 'layer' | 'version'> & { regionId: string; version?: number }) {
    const others = [...this.regions.values()].filter((existing) => existing.regionId !== layer.regionId);
    return new QueueConfigSet(this.national, [...others, { layer: 'region', version: 1, ...layer }]);
  }
}

function parseLayer(text: string, file: string): QueueConfigLayer {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new QueueConfigError(`${file} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = LayerSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') + ': ' : ''}${issue.message}`,
    );
    throw new QueueConfigError(`${file} is not a valid queue configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Reads national.yaml and every <region>.yaml in the folder; a file named for a region must be that region's. */
export async function loadQueueConfig(dir: string = DEFAULT_QUEUE_CONFIG_DIR): Promise<QueueConfigSet> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  } catch (error) {
    throw new QueueConfigError(
      `Cannot read the queue configuration folder ${dir}: ${(error as Error).message}`,
    );
  }
  if (!files.includes('national.yaml')) {
    throw new QueueConfigError(`${dir} has no national.yaml (the national default for call distribution)`);
  }
  let national: QueueConfigLayer | undefined;
  const regions: QueueConfigLayer[] = [];
  for (const file of files) {
    const layer = parseLayer(await readFile(join(dir, file), 'utf8'), file);
    if (file === 'national.yaml') {
      if (layer.layer !== 'national') throw new QueueConfigError('national.yaml must say layer: national');
      national = layer;
      continue;
    }
    const expected = file.slice(0, -'.yaml'.length);
    if (layer.layer !== 'region' || layer.regionId !== expected) {
      throw new QueueConfigError(`${file} must say layer: region and regionId: ${expected}`);
    }
    regions.push(layer);
  }
  return new QueueConfigSet(national, regions);
}
