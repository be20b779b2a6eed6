// The image the app runs now, so that `azd provision` keeps the image `azd deploy` put there instead of
// resetting the app to the placeholder. azd sets SERVICE_FUNCTIONS_RESOURCE_EXISTS once the app exists.

@description('True when the container app already exists.')
param exists bool

@description('Name of the container app.')
param name string

resource existingApp 'Microsoft.App/containerApps@2025-07-01' existing = if (exists) {
  name: name
}

@description('Containers of the existing app; empty when it does not exist yet.')
output containers array = exists ? existingApp!.properties.template.containers : []
