// Workflows for prison services on Azure: one container on Azure Container Apps (scale to zero),
// storage reached only with a managed identity, secrets in Key Vault, telemetry without keys.
// Deployed with `azd up`; see infra/README.md for what it creates and the Entra ID steps.

targetScope = 'subscription'

import { appSettings } from 'modules/app-settings.bicep'

// ---------------------------------------------------------------------------------------------------
// Parameters (azd fills them from its environment through main.parameters.json)
// ---------------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: names the resource group, seeds the resource token and tags everything.')
param environmentName string

@minLength(1)
@description('Azure region of every resource.')
param location string

@description('Object id of the person or pipeline running azd (AZURE_PRINCIPAL_ID); empty skips its role assignments.')
param principalId string = ''

@description('Kind of that principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('True once the app exists (azd sets SERVICE_FUNCTIONS_RESOURCE_EXISTS); provisioning then keeps its current image.')
param functionsExists bool = false

@minLength(3)
@maxLength(45)
@description('Task hub of the durable engine (lowercase letters and digits); names its queues and tables.')
param taskHub string = 'workflows'

@minValue(1)
@maxValue(16)
@description('Number of engine partitions, one control queue each.')
param partitionCount int = 4

@description('Cron expression (UTC) of the timer wake-up job: the precision of durable timers while the app has no replica.')
param timerWakeupSchedule string = '* * * * *'

@allowed([
  'Graph'
  'Outbox'
])
@description('How notifications leave: Graph (email through Microsoft Graph) or Outbox (kept in the development outbox, for non-production).')
param notificationsChannel string = 'Graph'

@description('Mailbox the app sends email from through Graph, e.g. workflows@contoso.org.')
param graphSenderMailbox string

@description('App id of the Teams bot registration; empty when there is no Teams bot.')
param teamsBotAppId string = ''

@description('Tenant of the single-tenant Teams bot registration; empty for the deployment\'s tenant.')
param teamsBotTenantId string = ''

@description('Tenant of the sign-in app registration; empty for the deployment\'s tenant.')
param entraTenantId string = ''

@description('Client id of the sign-in app registration (created by hand, see infra/README.md); empty until it exists.')
param entraClientId string = ''

@description('Entra ID groups mapped to domain roles and scopes, as JSON: [{"groupId":"…","role":"programmeCoordinator","level":"Facility","scopeId":"almaty"}] (see infra/README.md).')
param directoryGroupRoles string = '[]'

@description('Object id of the Entra ID group of women staff (safeguard 7); empty until it exists.')
param womenStaffGroupId string = ''

@description('Public base URL of the app when it is served under a custom domain; empty for its Container Apps address.')
param customPublicBaseUrl string = ''

@description('True to put the app in a virtual network and reach storage and Key Vault only through private endpoints.')
param privateNetworking bool = false

@minValue(1)
@maxValue(146000)
@description('Days each audit record stays immutable (WORM) after it is written.')
param auditRetentionDays int = 2557

@minValue(1)
@maxValue(300)
@description('Maximum number of app replicas.')
param maxReplicas int = 10

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
@description('Replication of the storage account.')
param storageSku string = 'Standard_ZRS'

@secure()
@description('Key that signs approval links; azd keeps the vault\'s current value (secretOrRandomPassword).')
param approvalLinkSigningKey string

@secure()
@description('Key of the audit log\'s HMAC chain; azd keeps the vault\'s current value (secretOrRandomPassword). Change it only by the rotation in infra/README.md.')
param auditChainKey string

@description('True once the audit chain key has been rotated: the vault secret audit-chain-retired-keys holds the keys audit-chain-key replaced, which the app keeps to verify older entries (infra/README.md, "Rotating the audit chain key").')
param auditChainKeyRotated bool = false

@secure()
@description('The keys audit-chain-key replaced, oldest first, separated by spaces; azd keeps the vault\'s current value. Stored and read only when auditChainKeyRotated.')
param auditChainRetiredKeys string = ''

@description('True while a new audit chain key is staged for a rotation: the vault secret audit-chain-next-key holds it, and every host follows a case that already moved to it (infra/README.md, "Rotating the audit chain key").')
param auditChainNextKeyStaged bool = false

@secure()
@description('The staged next audit chain key; azd keeps the vault\'s current value. Stored and read only when auditChainNextKeyStaged.')
param auditChainNextKey string = ''

@secure()
@description('Client secret of the sign-in app registration; a placeholder until set in the vault by hand.')
param entraClientSecret string

@secure()
@description('Password of the Teams bot app registration; stored only when teamsBotAppId is set.')
param teamsBotPassword string = ''

// ---------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var serviceName = 'functions'
var appName = '${abbrs.appContainerApps}${serviceName}-${resourceToken}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
var logAnalyticsName = '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var registryName = '${abbrs.containerRegistryRegistries}${resourceToken}'
var virtualNetworkName = '${abbrs.networkVirtualNetworks}${resourceToken}'
var containerAppsSubnetName = '${abbrs.networkVirtualNetworksSubnets}container-apps'
var privateEndpointsSubnetName = '${abbrs.networkVirtualNetworksSubnets}private-endpoints'

// What the app runs before the first `azd deploy` pushes the real image: Microsoft's ASP.NET sample,
// which listens on 8080 like the app, so the ingress port never changes. It has no /healthz, so the
// app's HTTP probes come with the real image (azd deploy swaps only the image; probes stay as provisioned
// until then, when the platform's default TCP probe on 8080 checks the app).
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'

// While only the placeholder image exists the timer job must not run it every minute: it gets this
// once-a-year schedule until the postdeploy hook (or the next provision) sets the real one.
var dormantSchedule = '0 0 1 1 *'

var resourceGroupName = '${abbrs.resourcesResourceGroups}${environmentName}'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------------
// Identity, monitoring, data, secrets, registry
// ---------------------------------------------------------------------------------------------------

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSku
    privateNetworking: privateNetworking
    taskHub: taskHub
    partitionCount: partitionCount
    auditRetentionDays: auditRetentionDays
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: resourceGroup
  params: {
    name: keyVaultName
    location: location
    tags: tags
    privateNetworking: privateNetworking
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    approvalLinkSigningKey: approvalLinkSigningKey
    auditChainKey: auditChainKey
    storeAuditChainRetiredKeys: auditChainKeyRotated
    auditChainRetiredKeys: auditChainRetiredKeys
    storeAuditChainNextKey: auditChainNextKeyStaged
    auditChainNextKey: auditChainNextKey
    entraClientSecret: entraClientSecret
    storeTeamsBotPassword: !empty(teamsBotAppId)
    teamsBotPassword: teamsBotPassword
  }
}

module registry 'modules/container-registry.bicep' = {
  scope: resourceGroup
  params: {
    name: registryName
    location: location
    tags: tags
  }
}

// ---------------------------------------------------------------------------------------------------
// Private networking (optional)
// ---------------------------------------------------------------------------------------------------

module network 'modules/network.bicep' = if (privateNetworking) {
  scope: resourceGroup
  params: {
    name: virtualNetworkName
    location: location
    tags: tags
    containerAppsSubnetName: containerAppsSubnetName
    privateEndpointsSubnetName: privateEndpointsSubnetName
  }
}

var containerAppsSubnetId = resourceId(
  subscription().subscriptionId,
  resourceGroupName,
  'Microsoft.Network/virtualNetworks/subnets',
  virtualNetworkName,
  containerAppsSubnetName
)

module storagePrivateEndpoints 'modules/private-endpoint.bicep' = [
  for service in ['blob', 'queue', 'table']: if (privateNetworking) {
    scope: resourceGroup
    params: {
      name: '${abbrs.networkPrivateEndpoints}${service}-${resourceToken}'
      location: location
      tags: tags
      subnetId: network!.outputs.privateEndpointsSubnetId
      targetResourceId: storage.outputs.id
      groupId: service
      privateDnsZoneId: network!.outputs.zoneIds[service]
    }
  }
]

module vaultPrivateEndpoint 'modules/private-endpoint.bicep' = if (privateNetworking) {
  scope: resourceGroup
  params: {
    name: '${abbrs.networkPrivateEndpoints}vault-${resourceToken}'
    location: location
    tags: tags
    subnetId: network!.outputs.privateEndpointsSubnetId
    targetResourceId: keyVault.outputs.id
    groupId: 'vault'
    privateDnsZoneId: network!.outputs.zoneIds.vault
  }
}

// ---------------------------------------------------------------------------------------------------
// Role assignments
// ---------------------------------------------------------------------------------------------------

module identityRoles 'modules/role-assignments.bicep' = {
  scope: resourceGroup
  params: {
    principalId: identity.outputs.principalId
    assignmentNameSeed: identityName
    principalType: 'ServicePrincipal'
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    keyVaultRole: 'keyVaultSecretsUser'
    containerRegistryName: registryName
    containerRegistryRole: 'acrPull'
    applicationInsightsName: applicationInsightsName
  }
  dependsOn: [
    storage
    keyVault
    registry
    monitoring
  ]
}

// The person running azd: works with the data from a laptop (local.settings.json), sets the secrets
// the README asks for, and pushes images.
module principalRoles 'modules/role-assignments.bicep' = if (!empty(principalId)) {
  scope: resourceGroup
  params: {
    principalId: principalId
    principalType: principalType
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    keyVaultRole: 'keyVaultSecretsOfficer'
    containerRegistryName: registryName
    containerRegistryRole: 'acrPush'
  }
  dependsOn: [
    storage
    keyVault
    registry
  ]
}

// ---------------------------------------------------------------------------------------------------
// Container Apps: environment, the app, the timer wake-up job
// ---------------------------------------------------------------------------------------------------

module containerAppsEnvironment 'modules/container-apps-environment.bicep' = {
  scope: resourceGroup
  params: {
    name: '${abbrs.appManagedEnvironments}${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    infrastructureSubnetId: privateNetworking ? containerAppsSubnetId : ''
  }
  dependsOn: [
    network
  ]
}

module currentImage 'modules/fetch-container-image.bicep' = {
  scope: resourceGroup
  params: {
    exists: functionsExists
    name: appName
  }
}

var appImage = functionsExists ? currentImage.outputs.containers[0].image : placeholderImage

var settings appSettings = {
  identityClientId: identity.outputs.clientId
  storageAccountName: storageAccountName
  taskHub: taskHub
  partitionCount: partitionCount
  publicBaseUrl: empty(customPublicBaseUrl)
    ? 'https://${appName}.${containerAppsEnvironment.outputs.defaultDomain}'
    : customPublicBaseUrl
  notificationsChannel: notificationsChannel
  graphSenderMailbox: graphSenderMailbox
  teamsBotAppId: teamsBotAppId
  teamsBotTenantId: empty(teamsBotTenantId) ? tenant().tenantId : teamsBotTenantId
  signInInstance: environment().authentication.loginEndpoint
  signInTenantId: empty(entraTenantId) ? tenant().tenantId : entraTenantId
  signInClientId: entraClientId
  directoryGroupRoles: json(directoryGroupRoles)
  womenStaffGroupId: womenStaffGroupId
  auditChainKeyRotated: auditChainKeyRotated
  auditChainNextKeyStaged: auditChainNextKeyStaged
}

module app 'modules/container-app.bicep' = {
  scope: resourceGroup
  params: {
    name: appName
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    environmentId: containerAppsEnvironment.outputs.id
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    image: appImage
    healthProbes: functionsExists // the real image is deployed (see appImage)
    settings: settings
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsName: applicationInsightsName
    maxReplicas: maxReplicas
  }
  // The identity must be able to read the secrets and pull the image (and, with private networking,
  // reach the vault and storage) before the first revision starts.
  dependsOn: [
    identityRoles
    storagePrivateEndpoints
    vaultPrivateEndpoint
  ]
}

module timerWakeupJob 'modules/timer-wakeup-job.bicep' = {
  scope: resourceGroup
  params: {
    name: '${abbrs.appContainerAppsJobs}timers-${resourceToken}'
    location: location
    tags: tags
    environmentId: containerAppsEnvironment.outputs.id
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    image: appImage
    cronExpression: appImage == placeholderImage ? dormantSchedule : timerWakeupSchedule
    settings: settings
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsName: applicationInsightsName
  }
  dependsOn: [
    identityRoles
    storagePrivateEndpoints
    vaultPrivateEndpoint
  ]
}

// ---------------------------------------------------------------------------------------------------
// Outputs: azd stores them in the environment (.azure/<env>/.env); the hooks read them. No secrets.
// ---------------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name

output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.name

output AZURE_MANAGED_IDENTITY_NAME string = identity.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId

output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint

output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsWorkspaceName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName

output SERVICE_FUNCTIONS_NAME string = app.outputs.name
output SERVICE_FUNCTIONS_URI string = 'https://${app.outputs.fqdn}'

output WORKFLOWS_TASK_HUB string = taskHub
output WORKFLOWS_PARTITION_COUNT int = partitionCount
output WORKFLOWS_PUBLIC_BASE_URL string = settings.publicBaseUrl
output WORKFLOWS_TIMER_JOB_NAME string = timerWakeupJob.outputs.name
output WORKFLOWS_TIMER_WAKEUP_SCHEDULE string = timerWakeupSchedule
output WORKFLOWS_PRIVATE_NETWORKING bool = privateNetworking
