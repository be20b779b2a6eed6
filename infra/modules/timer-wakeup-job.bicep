// Wakes the app for durable timers while it has no replica.
//
// The engine keeps durable timers in a storage table, not as invisible queue messages, so nothing in
// the queues tells the scaler that a timer is due. This scheduled job runs the app image with
// `--release-due-timers`: it moves every due timer into its control queue as a visible message and
// exits. The queue scale rules of the app then see the message and start a replica, which runs the
// orchestration. While the app has replicas, their own dispatchers fire timers within about a second;
// at zero replicas the precision is the job's schedule (one minute by default). See infra/README.md.

import { appSettings, containerEnvironment, keyVaultSecretReferences } from 'app-settings.bicep'

@description('Name of the job.')
param name string

@description('Location of the job.')
param location string

@description('Tags applied to the job (never azd-service-name: azd deploys only the app).')
param tags object

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Resource id of the user-assigned managed identity the job runs as.')
param identityId string

@description('Login server of the container registry the image comes from.')
param registryServer string

@description('Image to run: the app\'s image.')
param image string

@description('Cron expression (UTC, five fields) of the wake-up runs.')
param cronExpression string

@description('Settings the container\'s environment variables are built from (the app\'s).')
param settings appSettings

@description('URI of the Key Vault that holds the secrets (ending with a slash).')
param keyVaultUri string

@description('Name of the Application Insights component the job sends telemetry to.')
param applicationInsightsName string

@description('Seconds one run may take before it is stopped.')
@minValue(30)
@maxValue(3600)
param replicaTimeoutSeconds int = 120

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource job 'Microsoft.App/jobs@2025-07-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      triggerType: 'Schedule'
      scheduleTriggerConfig: {
        cronExpression: cronExpression
        parallelism: 1
        replicaCompletionCount: 1
      }
      replicaTimeout: replicaTimeoutSeconds
      // A failed run is not retried: the next scheduled run releases the same timers again.
      replicaRetryLimit: 0
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: keyVaultSecretReferences(keyVaultUri, identityId, settings)
    }
    template: {
      containers: [
        {
          name: 'release-due-timers'
          image: image
          args: [
            '--release-due-timers'
          ]
          env: containerEnvironment(settings, applicationInsights.properties.ConnectionString)
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
        }
      ]
    }
  }
}

@description('Resource id of the job.')
output id string = job.id

@description('Name of the job.')
output name string = job.name
