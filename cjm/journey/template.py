"""The starter journey `cjm init` writes: the five lifecycle phases, ready to edit."""

LIFECYCLE = """\
# yaml-language-server: $schema={schema}
# A starter journey with the five lifecycle phases. Edit titles, touchpoints and emotions,
# then run: cjm validate {name}
cjm: 1
journey:
  id: {id}
  title: {title}
  owner: cx-team
  persona: first-timer
personas:
  first-timer:
    name: First-time customer
    type: doubtful
    description: Ready to buy, keeps asking questions
stages:
  - id: acquisition
    title: Acquisition
    phase: acquisition
    goal: Hear about us
    touchpoints:
      - id: ad
        title: Online ad
        channel: social
        owner: marketing
        emotion: neutral
        thoughts: "Is this for me?"
  - id: interest
    title: Interest
    phase: interest
    goal: Find out more
    touchpoints:
      - id: website
        title: Website
        channel: web
        owner: web-team
        emotion: happy
  - id: evaluation
    title: Evaluation
    phase: evaluation
    goal: Decide whether to buy
    touchpoints:
      - id: questions
        title: Questions to support
        channel: chat
        owner: support
        emotion: neutral
        friction:
          - issue: Slow first answer
            severity: medium
            category: response-time
        opportunities:
          - idea: Answer the top questions on the product page
            effort: low
        metrics:
          first_response: 4m
  - id: purchase
    title: Purchase
    phase: purchase
    goal: Pay without surprises
    touchpoints:
      - id: checkout
        title: Checkout
        channel: web
        owner: web-team
        emotion: neutral
  - id: loyalty
    title: Loyalty
    phase: loyalty
    goal: Come back and recommend
    next: [evaluation]
    end: true
    touchpoints:
      - id: follow-up
        title: Follow-up
        channel: email
        owner: crm
        emotion: happy
        metrics:
          retention: 70%
"""
