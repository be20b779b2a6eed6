// The host: one ASP.NET Core container (HTTP API, web UI, engine workers) on Container Apps. It scales
// to zero and is woken by HTTP traffic or by visible messages in the engine's queues (control queues
// and the work-item queue), which KEDA's azure-queue scaler counts with the managed identity. Durable
// timers are woken by the separate timer job (timer-wakeup-job.bicep).

import { appSettings, containerEnvironment, keyVaultSecretReferences } from 'app-settings.bicep'

@description('Name of the container app.')
param name string

@description('Location of the container app.')
param location string

@description('Tags applied to the container app (including azd-service-name).')
param tags object

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Login server of the container registry the image comes from.')
param registryServer string

@description('Image to run.')
param image string

@description('Whether the image serves /healthz (the app does; the placeholder before the first deploy does not).')
param healthProbes bool = true

@description('Settings the container\'s environment variables are built from.')
param settings appSettings

@description('URI of the Key Vault that holds the secrets (ending with a slash).')
param keyVaultUri string

@description('Name of the Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Maximum number of replicas.')
@minValue(1)
@maxValue(300)
param maxReplicas int = 10

@description('Concurrent HTTP requests per replica before another replica is added.')
param httpConcurrentRequests int = 20

@description('Visible messages per replica in one engine queue before another replica is added.')
param queueMessagesPerReplica int = 10

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var containerPort = 8080
var healthPath = '/healthz'

// Scale rules typed after the resource's own schema, so that the compiler checks them.
type scaleRule = resourceInput<'Microsoft.App/containerApps@2025-07-01'>.properties.template.scale.rules[*]

// One rule per control queue (a partition's orchestration messages) and one for the work-item queue
// (activities). KEDA's default queueLengthStrategy (all) counts in-flight messages too, so a replica
// that is still working a message is not scaled away under it; durable timers are not queue messages
// here (they wait in a table), so no far-future message keeps a replica alive.
var controlQueueRules scaleRule[] = [
  for partition in range(0, settings.partitionCount): {
    name: 'queue-control-${padLeft(partition, 2, '0')}'
    azureQueue: {
      accountName: settings.storageAccountName
      queueName: '${settings.taskHub}-control-${padLeft(partition, 2, '0')}'
      queueLength: queueMessagesPerReplica
      identity: identityId
    }
  }
]

var workItemQueueRule scaleRule = {
  name: 'queue-workitems'
  azureQueue: {
    accountName: settings.storageAccountName
    queueName: '${settings.taskHub}-workitems'
    queueLength: queueMessagesPerReplica
    identity: identityId
  }
}

var httpRule scaleRule = {
  name: 'http'
  http: {
    metadata: {
      concurrentRequests: string(httpConcurrentRequests)
    }
  }
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
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
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: containerPort
        transport: 'auto'
        allowInsecure: false
      }
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
          name: 'functions'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: containerEnvironment(settings, applicationInsights.properties.ConnectionString)
          probes: healthProbes
            ? [
                {
                  type: 'Startup'
                  httpGet: {
                    path: healthPath
                    port: containerPort
                  }
                  periodSeconds: 2
                  failureThreshold: 30
                }
                {
                  type: 'Readiness'
                  httpGet: {
                    path: healthPath
                    port: containerPort
                  }
                  periodSeconds: 10
                  failureThreshold: 3
                }
                {
                  type: 'Liveness'
                  httpGet: {
                    path: healthPath
                    port: containerPort
                  }
                  periodSeconds: 30
                  failureThreshold: 3
                }
              ]
            : []
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: maxReplicas
        rules: concat([httpRule], controlQueueRules, [workItemQueueRule])
      }
    }
  }
}

@description('Resource id of the container app.')
output id string = app.id

@description('Name of the container app.')
output name string = app.name

@description('Fully qualified domain name of the app\'s ingress.')
output fqdn string = app.properties.configuration.ingress.fqdn
