// Data-plane role assignments for one principal, each scoped to the one resource it is about: storage
// (blobs, queues, tables), Key Vault secrets, Application Insights telemetry and the registry.
// Used for the app's managed identity and, optionally, for the person running azd.

import { builtInRoles } from 'built-in-roles.bicep'

@description('Object id of the principal.')
param principalId string

@description('Value known before the deployment runs that names the assignments (the identity\'s name for a managed identity whose object id only exists at run time); defaults to principalId.')
param assignmentNameSeed string = principalId

@description('Kind of principal.')
@allowed([
  'ServicePrincipal'
  'User'
  'Group'
])
param principalType string

@description('Storage account the principal works with (blob owner, queue and table contributor).')
param storageAccountName string

@description('Key Vault whose secrets the principal reads (Secrets User) or manages (Secrets Officer).')
param keyVaultName string

@description('Role on the vault\'s secrets.')
@allowed([
  'keyVaultSecretsUser'
  'keyVaultSecretsOfficer'
])
param keyVaultRole string

@description('Container registry the principal pulls from (AcrPull) or pushes to (AcrPush).')
param containerRegistryName string

@description('Role on the registry.')
@allowed([
  'acrPull'
  'acrPush'
])
param containerRegistryRole string

@description('Application Insights component the principal publishes telemetry to; empty for none.')
param applicationInsightsName string = ''

var storageRoles = [
  builtInRoles.storageBlobDataOwner
  builtInRoles.storageQueueDataContributor
  builtInRoles.storageTableDataContributor
]

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: containerRegistryName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = if (!empty(applicationInsightsName)) {
  name: applicationInsightsName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    scope: storageAccount
    name: guid(storageAccount.id, assignmentNameSeed, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: principalType
    }
  }
]

resource vaultRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, assignmentNameSeed, builtInRoles[keyVaultRole])
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles[keyVaultRole])
    principalId: principalId
    principalType: principalType
  }
}

resource registryRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, assignmentNameSeed, builtInRoles[containerRegistryRole])
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles[containerRegistryRole])
    principalId: principalId
    principalType: principalType
  }
}

resource telemetryRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(applicationInsightsName)) {
  scope: applicationInsights
  name: guid(applicationInsights.id, assignmentNameSeed, builtInRoles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: principalType
  }
}
