# The task definition of the orders service; its execution role and the role's policy are in iam.tf,
# another file of the same Terraform module (this folder).
resource "aws_ecs_task_definition" "orders" {
  family                   = "orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.orders_execution.arn

  container_definitions = jsonencode([
    {
      name      = "orders"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      secrets = [
        {
          name      = "DB_PASSWORD"
          valueFrom = "arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-password-Xy12Ab"
        }
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = "/ecs/orders"
          awslogs-region        = "eu-west-1"
          awslogs-stream-prefix = "orders"
        }
      }
    }
  ])
}
