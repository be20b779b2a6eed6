// The user-assigned managed identity the app and the timer wake-up job run as: it pulls images,
// reads Key Vault secrets, uses storage and publishes telemetry. No keys anywhere.

@description('Name of the identity.')
param name string

@description('Location of the identity.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client (application) id of the identity, for AZURE_CLIENT_ID.')
output clientId string = identity.properties.clientId

@description('Object id of the identity\'s service principal, for role assignments and Graph permissions.')
output principalId string = identity.properties.principalId
