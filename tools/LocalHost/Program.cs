Console.WriteLine("LocalHost: not yet implemented");
return 1;
