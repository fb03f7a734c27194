"""The API's routes, one router per concern; :func:`rasd.serve.app.create_app` assembles them."""
