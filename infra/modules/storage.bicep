// The storage account behind the durable engine (tables, queues, blobs) and the domain (case records,
// documents, audit log). Identity-only: shared-key access is off, so nothing can use an account key or
// a SAS signed with one. The app creates its own tables and containers at start-up; declared here are
// the engine's queues (so that the queue scale rules have something to watch before the app first
// runs), the documents container and the audit container with its WORM policy.

@description('Name of the storage account (3-24 lowercase letters and digits).')
param name string

@description('Location of the storage account.')
param location string

@description('Tags applied to the storage account.')
param tags object

@description('Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string = 'Standard_ZRS'

@description('True to close the public endpoint: the account is then reachable only through private endpoints.')
param privateNetworking bool

@description('Task hub of the durable engine: the queues are {taskHub}-control-NN and {taskHub}-workitems.')
param taskHub string

@description('Number of control queues (engine partitions).')
@minValue(1)
@maxValue(16)
param partitionCount int

@description('Days each audit blob stays immutable (write once, read many) after it is written.')
@minValue(1)
@maxValue(146000)
param auditRetentionDays int

@description('Days deleted blobs and containers can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 30

@description('Resource id of the Log Analytics workspace that receives the blob audit logs.')
param logAnalyticsWorkspaceId string

var controlQueueNames = [for partition in range(0, partitionCount): '${taskHub}-control-${padLeft(partition, 2, '0')}']
var queueNames = concat(controlQueueNames, ['${taskHub}-workitems'])

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

// Version-level immutability (it works with blob versioning, which container-level WORM does not):
// every blob version written to `audit` inherits the container's default time-based retention policy,
// so it can be neither overwritten nor deleted until the retention expires. Appending to append blobs
// stays allowed (the audit log is append-only). The policy is created unlocked: lock it once you are
// sure of the period (infra/README.md); a locked policy can only be lengthened.
resource auditContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'audit'
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

resource auditRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-01-01' = {
  parent: auditContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource documentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'wf-documents' // the domain's documents container (Workflows:Domain:ContainerPrefix 'wf')
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

// Who read, wrote or deleted which blob (documents and the audit log), kept in Log Analytics.
resource blobAuditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: blobService
  name: 'blob-audit-to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the storage account.')
output id string = account.id

@description('Name of the storage account.')
output name string = account.name

@description('Blob endpoint of the account.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint of the account.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table endpoint of the account.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('Names of the engine queues declared in the account.')
output queueNames array = [for (queueName, i) in queueNames: queues[i].name]
