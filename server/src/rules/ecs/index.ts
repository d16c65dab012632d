// ECS task-definition and service rules. Each rule is one file in this folder;
// shape rules share one walk over the RegisterTaskDefinition shape (ecs/shapeCheck.ts).
import type { Rule } from '../../core/rule';
import { awslogsOptions } from './awslogsOptions';
import { containerHealthCheck } from './containerHealthCheck';
import { containerMemoryRequired } from './containerMemoryRequired';
import { duplicateContainerName } from './duplicateContainerName';
import { efsTransitEncryption } from './efsTransitEncryption';
import { executionRoleRequired } from './executionRoleRequired';
import { fargateNetworkMode } from './fargateNetworkMode';
import { fargateTaskSize } from './fargateTaskSize';
import { fargateUnsupportedParameter } from './fargateUnsupportedParameter';
import { hostNamespace } from './hostNamespace';
import { hostPortMismatch } from './hostPortMismatch';
import { imageTag } from './imageTag';
import { invalidEnumValue } from './invalidEnumValue';
import { invalidType } from './invalidType';
import { memoryBelowReservation } from './memoryBelowReservation';
import { missingRequiredField } from './missingRequiredField';
import { noEssentialContainer } from './noEssentialContainer';
import { plaintextSecret } from './plaintextSecret';
import { privilegedContainer } from './privilegedContainer';
import { readOnlyField } from './readOnlyField';
import { readonlyRootFilesystem } from './readonlyRootFilesystem';
import { roleArnFormat } from './roleArnFormat';
import { rootUserHostNetwork } from './rootUserHostNetwork';
import { secretPartialArn } from './secretPartialArn';
import { secretReferenceFormat } from './secretReferenceFormat';
import { serviceConnectPortName } from './serviceConnectPortName';
import { serviceContainerReference } from './serviceContainerReference';
import { serviceHealthCheckPort } from './serviceHealthCheckPort';
import { serviceLaunchTypeCompatibility } from './serviceLaunchTypeCompatibility';
import { serviceNetworkConfiguration } from './serviceNetworkConfiguration';
import { serviceSchedulingStrategy } from './serviceSchedulingStrategy';
import { taskDefinitionQuota } from './taskDefinitionQuota';
import { unknownContainerReference } from './unknownContainerReference';
import { unknownField } from './unknownField';

export const ECS_RULES: readonly Rule[] = [
  // The shape of RegisterTaskDefinition input (from the ECS API model).
  unknownField,
  invalidType,
  invalidEnumValue,
  missingRequiredField,
  readOnlyField,
  // Fargate and networking.
  fargateNetworkMode,
  fargateTaskSize,
  fargateUnsupportedParameter,
  hostPortMismatch,
  // Containers.
  noEssentialContainer,
  duplicateContainerName,
  unknownContainerReference,
  memoryBelowReservation,
  containerMemoryRequired,
  taskDefinitionQuota,
  awslogsOptions,
  containerHealthCheck,
  // Security.
  plaintextSecret,
  privilegedContainer,
  hostNamespace,
  readonlyRootFilesystem,
  efsTransitEncryption,
  rootUserHostNetwork,
  imageTag,
  // Roles and secrets.
  executionRoleRequired,
  roleArnFormat,
  secretReferenceFormat,
  secretPartialArn,
  // Services and the task definitions they run.
  serviceLaunchTypeCompatibility,
  serviceNetworkConfiguration,
  serviceSchedulingStrategy,
  serviceContainerReference,
  serviceHealthCheckPort,
  serviceConnectPortName,
];
