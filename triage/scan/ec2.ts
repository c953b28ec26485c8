/** EC2 in one region: instances, AMIs, volumes, snapshots and spot requests. */

import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeSpotInstanceRequestsCommand,
  DescribeVolumesCommand,
  type Instance,
} from "@aws-sdk/client-ec2";
import { toIso } from "../time";
import type {
  ImageFinding,
  InstanceFinding,
  SnapshotFinding,
  SpotRequestFinding,
  VolumeFinding,
} from "../types";
import { READS } from "../reads";
import { collectPages, type GapRecorder, type ScanContext } from "./context";

export interface Ec2Scan {
  instances: InstanceFinding[];
  images: ImageFinding[];
  volumes: VolumeFinding[];
  snapshots: SnapshotFinding[];
  spotRequests: SpotRequestFinding[];
}

function toInstanceFinding(region: string, instance: Instance): InstanceFinding {
  return {
    region,
    instanceId: instance.InstanceId ?? "unknown",
    state: instance.State?.Name ?? "unknown",
    instanceType: instance.InstanceType ?? "unknown",
    launchTime: toIso(instance.LaunchTime),
    keyName: instance.KeyName,
    publicIp: instance.PublicIpAddress,
    volumeIds: (instance.BlockDeviceMappings ?? [])
      .map((mapping) => mapping.Ebs?.VolumeId)
      .filter((id): id is string => Boolean(id)),
    spot: instance.InstanceLifecycle === "spot",
  };
}

export async function scanEc2(
  context: ScanContext,
  region: string,
  gaps: GapRecorder,
): Promise<Ec2Scan> {
  const ec2 = context.clients.ec2(region);
  const [instances, images, volumes, snapshots, spotRequests] = await Promise.all([
    gaps.read(region, READS.instances, () =>
      collectPages(
        (NextToken) => ec2.send(new DescribeInstancesCommand({ NextToken, MaxResults: 1000 })),
        (page) => (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []),
        (page) => page.NextToken,
      ),
    ),
    gaps.read(region, READS.images, () =>
      collectPages(
        (NextToken) => ec2.send(new DescribeImagesCommand({ Owners: ["self"], NextToken })),
        (page) => page.Images,
        (page) => page.NextToken,
      ),
    ),
    gaps.read(region, READS.volumes, () =>
      collectPages(
        (NextToken) => ec2.send(new DescribeVolumesCommand({ NextToken })),
        (page) => page.Volumes,
        (page) => page.NextToken,
      ),
    ),
    gaps.read(region, READS.snapshots, () =>
      collectPages(
        (NextToken) => ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"], NextToken })),
        (page) => page.Snapshots,
        (page) => page.NextToken,
      ),
    ),
    gaps.read(region, READS.spotRequests, () =>
      collectPages(
        (NextToken) => ec2.send(new DescribeSpotInstanceRequestsCommand({ NextToken })),
        (page) => page.SpotInstanceRequests,
        (page) => page.NextToken,
      ),
    ),
  ]);

  return {
    instances: (instances ?? []).map((instance) => toInstanceFinding(region, instance)),
    images: (images ?? []).map((image) => ({
      region,
      imageId: image.ImageId ?? "unknown",
      name: image.Name,
      creationDate: toIso(image.CreationDate),
      snapshotIds: (image.BlockDeviceMappings ?? [])
        .map((mapping) => mapping.Ebs?.SnapshotId)
        .filter((id): id is string => Boolean(id)),
    })),
    volumes: (volumes ?? []).map((volume) => ({
      region,
      volumeId: volume.VolumeId ?? "unknown",
      sizeGiB: volume.Size ?? 0,
      createTime: toIso(volume.CreateTime),
      attachedTo: (volume.Attachments ?? [])
        .map((attachment) => attachment.InstanceId)
        .filter((id): id is string => Boolean(id)),
    })),
    snapshots: (snapshots ?? []).map((snapshot) => ({
      region,
      snapshotId: snapshot.SnapshotId ?? "unknown",
      volumeId: snapshot.VolumeId,
      startTime: toIso(snapshot.StartTime),
      sizeGiB: snapshot.VolumeSize ?? 0,
      description: snapshot.Description,
    })),
    spotRequests: (spotRequests ?? []).map((request) => ({
      region,
      requestId: request.SpotInstanceRequestId ?? "unknown",
      state: request.State ?? "unknown",
      instanceType: request.LaunchSpecification?.InstanceType,
      createTime: toIso(request.CreateTime),
      instanceId: request.InstanceId,
    })),
  };
}
