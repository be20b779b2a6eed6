// Key Vault for the app's secrets, in RBAC mode (no access policies) with purge protection. The app
// never sees this vault's name: Container Apps resolves the secret references with the managed
// identity and hands the values to the container as environment variables.
//
// The secret values come from azd's secretOrRandomPassword (infra/main.parameters.json): on the first
// provision they are random placeholders; afterwards azd reads back whatever is in the vault, so a
// value set by an operator (`az keyvault secret set`) survives every later `azd provision`.

@description('Name of the vault (3-24 characters).')
param name string

@description('Location of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('True to close the public endpoint: the vault is then reachable only through its private endpoint.')
param privateNetworking bool

@description('Resource id of the Log Analytics workspace that receives the vault\'s audit events.')
param logAnalyticsWorkspaceId string

@secure()
@description('Key that signs approval links (secret approval-link-signing-key).')
param approvalLinkSigningKey string

@secure()
@description('Key of the audit log\'s HMAC chain (secret audit-chain-key), kept out of storage so that whoever can write the audit table cannot reseal it.')
param auditChainKey string

@description('True to store the retired audit chain keys (after a rotation).')
param storeAuditChainRetiredKeys bool = false

@secure()
@description('The keys audit-chain-key replaced, oldest first, separated by spaces (secret audit-chain-retired-keys); they only verify older entries.')
param auditChainRetiredKeys string = ''

@description('True to store the staged next audit chain key (during a rotation).')
param storeAuditChainNextKey bool = false

@secure()
@description('The key that will replace audit-chain-key (secret audit-chain-next-key), staged on every host before the switch.')
param auditChainNextKey string = ''

@secure()
@description('Client secret of the sign-in app registration (secret entra-client-secret).')
param entraClientSecret string

@description('True to store the Teams bot password (only when a bot app id is configured).')
param storeTeamsBotPassword bool

@secure()
@description('Password of the Teams bot\'s app registration (secret teams-bot-password).')
param teamsBotPassword string = ''

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource signingKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'approval-link-signing-key'
  properties: {
    value: approvalLinkSigningKey
    contentType: 'text/plain'
  }
}

resource auditChainKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'audit-chain-key'
  properties: {
    value: auditChainKey
    contentType: 'text/plain'
  }
}

resource auditChainRetiredKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (storeAuditChainRetiredKeys) {
  parent: vault
  name: 'audit-chain-retired-keys'
  properties: {
    value: auditChainRetiredKeys
    contentType: 'text/plain'
  }
}

resource auditChainNextKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (storeAuditChainNextKey) {
  parent: vault
  name: 'audit-chain-next-key'
  properties: {
    value: auditChainNextKey
    contentType: 'text/plain'
  }
}

resource entraClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'entra-client-secret'
  properties: {
    value: entraClientSecret
    contentType: 'text/plain'
  }
}

resource teamsBotPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (storeTeamsBotPassword) {
  parent: vault
  name: 'teams-bot-password'
  properties: {
    value: teamsBotPassword
    contentType: 'text/plain'
  }
}

// Every read and change of a secret, kept in Log Analytics.
resource vaultAuditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: 'vault-audit-to-log-analytics'
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

@description('Resource id of the vault.')
output id string = vault.id

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault, ending with a slash.')
output uri string = vault.properties.vaultUri
