resource "aws_ecs_task_definition" "api" {
  family       = "api"
  network_mode = "awsvpc"
  cpu          = "256"
  memory       = "512"

  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      portMappings = [
        { containerPort = 8080 }
      ]
    }
  ])
}

resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = "arn:aws:ecs:eu-west-1:210987654321:cluster/main"
  task_definition = aws_ecs_task_definition.api.arn
  launch_type     = "FARGATE"
  desired_count   = 2

  network_configuration {
    subnets          = ["subnet-0a1b2c3d4e5f60718"]
    security_groups  = ["sg-0a1b2c3d4e5f60718"]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:210987654321:targetgroup/api/0123456789abcdef"
    container_name   = "apl"
    container_port   = 8080
  }
}
