# Shared use: pictures of resources and an organisation's locations.

## Pictures
places-images-title = Pictures
places-images-intro = The pictures are shown on the resource's page to everyone who may see the resource. Give each picture a text alternative: a short description of what it shows, for those who cannot see it.
places-images-current = Pictures of the resource
places-images-none = The resource has no pictures yet.
places-images-edit = Edit pictures
places-image-upload-title = Add a picture
places-field-image = Picture file
places-hint-image = PNG, JPEG, WebP or GIF, at most { $mb } MB.
places-field-alt-text = Text alternative
places-hint-alt-text = Say briefly in your own language what the picture shows (e.g. "CNC lathe in the workshop hall").
places-image-upload = Add the picture
places-image-alt-save = Save the text alternative
places-image-delete = Delete the picture
places-image-delete-confirm = Delete the picture for good?
places-back-to-resource = Back to the resource's page
places-error-image-missing = Choose a picture file.
error-image-not-image = The file is not a picture. Accepted formats are PNG, JPEG, WebP and GIF.
error-image-too-large = The picture is too large: 5 MB at most.
error-image-empty = The file is empty.

## Locations
places-locations-title = Locations
places-locations-intro = Locations are the organisation's sites (a campus, a building, a hall) where its resources are.
places-locations-list = The organisation's locations
places-locations-none = The organisation has no locations yet.
places-location-new-title = New location
places-location-create = Add the location
places-location-edit = Edit the location
places-location-delete = Delete the location
places-location-delete-confirm = Delete the location?
places-location-in-use = The location cannot be deleted because resources are at it: { $resources }. Move them elsewhere first.
places-location-resources = Resources
places-location-no-resources = No resources.
places-field-location-name = Name of the location
places-hint-location-name = E.g. "Forssa campus, building B".
places-shared-use = Shared use
places-shared-use-intro = Settings of the resources the organisation offers for shared use.
entity-location = location

## A resource's location and a location's opening hours
places-field-resource-location = Location
places-hint-resource-location = The owner organisation's location where the resource is.
places-locations-manage = Manage locations
places-location-none = No location
places-error-location-of-owner = The location is not one of the owner organisation's. Choose one of the owner's locations or "No location".
places-location-hours = Opening hours
places-location-hours-none = No opening hours have been set.
places-location-hours-edit = Edit the opening hours
places-hint-location-hours = Write each day's opening hours, e.g. 08:00-16:00 or 08:00-12:00, 13:00-16:00. An empty day is closed. If every day is empty, the location has no opening hours.
places-location-hours-save = Save the opening hours
places-hours-from-location = The opening hours come from the location { $location }.
places-location-exceptions = Exceptional days
places-location-exceptions-none = No exceptional days.
places-location-exceptions-edit = Edit the exceptional days
places-hint-location-exceptions = Closed days and special hours apply to the location's resources that have neither opening hours nor exceptional days of their own. Empty hours = closed all day. Remove an exception by emptying its row.
places-location-exceptions-save = Save the exceptional days

## The pictures' API
api-places-error-multipart = Send the picture as multipart/form-data with the fields alt_text and image.
