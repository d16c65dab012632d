resource "aws_ecs_task_definition" "billing" {
  family                   = "billing"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "bridge"
  cpu                      = "256"
  memory                   = "512"

  container_definitions = jsonencode([
    {
      name      = "billing"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true

    }
  ])
}
