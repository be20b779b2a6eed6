// Container registry for the app image (azd pushes it on `azd deploy`). Admin user and anonymous pull
// are off: the app and the job pull with the managed identity (AcrPull).

@description('Name of the registry (5-50 letters and digits).')
param name string

@description('Location of the registry.')
param location string

@description('Tags applied to the registry.')
param tags object

@description('Registry tier.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string = 'Basic'

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

@description('Resource id of the registry.')
output id string = registry.id

@description('Name of the registry.')
output name string = registry.name

@description('Login server of the registry (the image host name).')
output loginServer string = registry.properties.loginServer
