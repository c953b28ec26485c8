/**
 * Where AWS Config records what. Every recorder records all supported resource types of its
 * region; the global IAM types (users, groups, roles, policies) are recorded in one region only,
 * or every region would record the same IAM changes and bill for each copy.
 * https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html
 */
import { GLOBAL_EVENTS_REGION, SkippedCapability, isAvailable, unavailableReason } from "./regions";

export interface RecorderPlan {
  /** Regions that get a recorder, home region first, in the order given. */
  readonly recorderRegions: string[];
  /** The one region that records the global IAM types, if any can. */
  readonly globalTypesRegion?: string;
  readonly skipped: SkippedCapability[];
}

/**
 * Recorders for the covered regions minus those that already have one. Global types go to the
 * home region when it can record them, else us-east-1, else the first region that can.
 */
export function planRecorders(
  coveredRegions: readonly string[],
  homeRegion: string,
  existingRecorderRegions: readonly string[],
): RecorderPlan {
  const existing = new Set(existingRecorderRegions);
  const recorderRegions = coveredRegions.filter((r) => !existing.has(r));
  const canRecordGlobal = (r: string) => isAvailable("config:GLOBAL_IAM_TYPES", r);
  const preferred = [homeRegion, GLOBAL_EVENTS_REGION, ...recorderRegions];
  const globalTypesRegion = preferred.find(
    (r) => recorderRegions.includes(r) && canRecordGlobal(r),
  );
  const skipped: SkippedCapability[] = [];
  if (recorderRegions.includes(homeRegion) && !canRecordGlobal(homeRegion)) {
    skipped.push({
      region: homeRegion,
      capability: "config:GLOBAL_IAM_TYPES",
      reason:
        unavailableReason("config:GLOBAL_IAM_TYPES", homeRegion) +
        (globalTypesRegion ? `; recorded in ${globalTypesRegion} instead` : "; recorded nowhere"),
    });
  }
  return { recorderRegions, globalTypesRegion, skipped };
}

/** The recording group of a region's recorder. */
export function recordingGroup(recordsGlobalTypes: boolean) {
  return {
    allSupported: true,
    includeGlobalResourceTypes: recordsGlobalTypes,
    recordingStrategies: [{ useOnly: "ALL_SUPPORTED_RESOURCE_TYPES" }],
  };
}
